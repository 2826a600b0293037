// Hash routes, so the app works from a file URL or the Tauri protocol alike:
// `#/` the list of evaluations, `#/e/<reference>/<section>` a section of one evaluation,
// `#/c/<reference>` the home of a consultation of several lots.

export const SECTIONS = [
  'setup',
  'offers',
  'prices',
  'scoring',
  'committee',
  'consensus',
  'results',
  'rounds',
  'report',
  'letters',
  'sheets',
  'journal',
  'member',
] as const;
export type Section = (typeof SECTIONS)[number];

/** What an evaluator's workspace shows: their grid, and their declarations and return file. */
export const WORKSPACE_SECTIONS: readonly Section[] = ['scoring', 'member'];
/** What a buyer's evaluation shows: everything but the evaluator's return screen. */
export const BUYER_SECTIONS: readonly Section[] = SECTIONS.filter((s) => s !== 'member');

export type Route =
  | { page: 'list' }
  | { page: 'evaluation'; reference: string; section: Section }
  | { page: 'consultation'; reference: string };

export function parseHash(hash: string): Route {
  const match = /^#\/e\/([^/]+)(?:\/([a-z]+))?/.exec(hash);
  if (match) {
    const section = (SECTIONS as readonly string[]).includes(match[2] ?? '')
      ? (match[2] as Section)
      : 'scoring';
    return { page: 'evaluation', reference: decodeURIComponent(match[1]), section };
  }
  const consultation = /^#\/c\/([^/]+)/.exec(hash);
  if (consultation) return { page: 'consultation', reference: decodeURIComponent(consultation[1]) };
  return { page: 'list' };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'list':
      return '#/';
    case 'consultation':
      return `#/c/${encodeURIComponent(route.reference)}`;
    default:
      return `#/e/${encodeURIComponent(route.reference)}/${route.section}`;
  }
}

export const router = $state<{ route: Route }>({
  route: parseHash(typeof location === 'undefined' ? '' : location.hash),
});

export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (location.hash !== href) location.hash = href;
  router.route = route;
}

export function startRouter(): () => void {
  const onChange = () => {
    router.route = parseHash(location.hash);
  };
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
