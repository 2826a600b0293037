// Reading the criteria tree the way the screens need it: walking, finding, locating. The rules
// of the tree are not here: the set-up editor asks the engine (check_criteria) and words its
// coded problems from the shared vocabulary (./words).

import type { Evaluation, Score } from '../ipc/bindings.gen';
import type { Node, ScoreRead } from './read';

export const EPSILON = 1e-9;

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

/** The top-level node a leaf belongs to. */
export function topLevelOf(tree: Node[], id: string): Node | undefined {
  return tree.find((node) => node.id === id || (node.children && findCriterion(node.children, id)));
}

export function priceLeaf(tree: Node[]): Node | undefined {
  return leaves(tree).find((leaf) => leaf.kind === 'price');
}
