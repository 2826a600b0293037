// Reading the criteria tree (spec §4) the way the screens need it, and the live checks of the
// set-up editor. The engine stays the judge: these checks only spare the user a round trip,
// and whatever the engine refuses on save is shown with its own messages.

import type { Evaluation, Score } from '../ipc/bindings.gen';
import type { Node, ScoreRead } from './read';

export const EPSILON = 1e-9;
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function isGroup(node: Node): boolean {
  return Array.isArray(node.children);
}

/** Every leaf, in tree order, with its depth and top-level ancestor. */
export function leaves(tree: Node[]): Node[] {
  const out: Node[] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.children) walk(node.children);
      else out.push(node);
    }
  };
  walk(tree);
  return out;
}

export interface Row {
  node: Node;
  depth: number;
  /** JSON path of the node, e.g. `criteria[1].children[0]`. */
  path: string;
}

/** Every node in display order, with its depth and JSON path. */
export function rows(tree: Node[]): Row[] {
  const out: Row[] = [];
  const walk = (nodes: Node[], depth: number, path: string) => {
    nodes.forEach((node, i) => {
      const here = `${path}[${i}]`;
      out.push({ node, depth, path: here });
      if (node.children) walk(node.children, depth + 1, `${here}.children`);
    });
  };
  walk(tree, 0, 'criteria');
  return out;
}

export function findCriterion(tree: Node[], id: string): Node | undefined {
  for (const node of tree) {
    if (node.id === id) return node;
    if (node.children) {
      const found = findCriterion(node.children, id);
      if (found) return found;
    }
  }
  return undefined;
}

/** Leaves an evaluator scores: `scored` ones and requirements without `auto`. */
export function isScorable(node: Node): boolean {
  return node.kind === 'scored' || (node.kind === 'requirement' && !node.auto);
}

/** Is `value` within the scale and on its step? */
export function onScale(node: Node, value: number): boolean {
  const scale = node.scale;
  if (!scale) return false;
  if (value < scale.min - EPSILON || value > scale.max + EPSILON) return false;
  if (scale.step) {
    const k = (value - scale.min) / scale.step;
    return Math.abs(k - Math.round(k)) * scale.step <= EPSILON;
  }
  return true;
}

export function sameCell(
  score: Pick<Score, 'offer' | 'criterion'>,
  offer: string,
  criterion: string,
): boolean {
  return score.offer === offer && score.criterion === criterion;
}

export function findScore(
  evaluation: Evaluation,
  offer: string,
  criterion: string,
  evaluator: string,
): ScoreRead | undefined {
  return evaluation.scores.find(
    (s) => s.offer === offer && s.criterion === criterion && s.evaluator === evaluator,
  );
}

/** A problem found by the live checks, attached to a node by its JSON path. */
export interface LiveProblem {
  path: string;
  key:
    | 'criteria.sum.top'
    | 'criteria.sum.children'
    | 'criteria.requirement.weight'
    | 'criteria.leaf.weight'
    | 'criteria.one.price'
    | 'criteria.id.invalid'
    | 'criteria.scale.invalid';
  params?: Record<string, string | number>;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The weight rules of spec §4 (plus ids and scales), checked while the user types. */
export function checkTree(tree: Node[]): LiveProblem[] {
  const problems: LiveProblem[] = [];
  const seen = new Set<string>();
  let prices = 0;
  const topSum = tree.reduce((sum, node) => sum + (Number(node.weight) || 0), 0);
  if (Math.abs(topSum - 100) > EPSILON) {
    problems.push({ path: 'criteria', key: 'criteria.sum.top', params: { sum: round(topSum) } });
  }
  for (const { node, path } of rows(tree)) {
    if (!ID_PATTERN.test(node.id) || seen.has(node.id)) {
      problems.push({ path: `${path}.id`, key: 'criteria.id.invalid' });
    }
    seen.add(node.id);
    const weight = Number(node.weight) || 0;
    if (node.children) {
      const sum = node.children.reduce((s, c) => s + (Number(c.weight) || 0), 0);
      if (Math.abs(sum - weight) > EPSILON) {
        problems.push({
          path: `${path}.children`,
          key: 'criteria.sum.children',
          params: { sum: round(sum), weight: round(weight) },
        });
      }
    } else if (node.kind === 'requirement') {
      if (weight !== 0) problems.push({ path: `${path}.weight`, key: 'criteria.requirement.weight' });
    } else {
      if (!(weight > 0)) problems.push({ path: `${path}.weight`, key: 'criteria.leaf.weight' });
      if (node.kind === 'price') {
        prices += 1;
        if (prices > 1) problems.push({ path, key: 'criteria.one.price' });
      }
      if (node.kind === 'scored' && node.scale && !(node.scale.min < node.scale.max)) {
        problems.push({ path: `${path}.scale`, key: 'criteria.scale.invalid' });
      }
    }
  }
  return problems;
}

/** The top-level node a leaf belongs to. */
export function topLevelOf(tree: Node[], id: string): Node | undefined {
  return tree.find((node) => node.id === id || (node.children && findCriterion(node.children, id)));
}

export function priceLeaf(tree: Node[]): Node | undefined {
  return leaves(tree).find((leaf) => leaf.kind === 'price');
}
