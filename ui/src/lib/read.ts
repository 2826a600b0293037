// Reading the generated file-format types (src/ipc/bindings.gen.ts) without narrowing them at
// every use. The format says a node is a group (`children`) or one kind of leaf, a score holds
// `value` or `met`: exact unions, which TypeScript only lets a reader touch after a test. The
// views below are computed from those generated types (no key is restated): every key any member
// of the union has, optional, so a screen can ask `node.kind === 'scored'` or `score.value`.

import type { Consensus, Criterion, Leaf, LeafOutcome, Score } from '../ipc/bindings.gen';

/** Every key some member of the union `T` has, optional, with the types it has there. */
export type Loose<T> = {
  [K in T extends unknown ? keyof T : never]?: T extends unknown ? (K extends keyof T ? T[K] : undefined) : never;
};

/** A criterion node read as a group or any kind of leaf (absent keys are undefined). */
export type Node = Pick<Criterion, 'id' | 'title' | 'weight' | 'environmental' | 'refs'> &
  Loose<Leaf> & { children?: Node[] };

/** A score read as either answer. */
export type ScoreRead = Score & Loose<Score>;

/** A committee decision read as either answer. */
export type ConsensusRead = Consensus & Loose<Consensus>;

/** A leaf's consolidated outcome (§9) read as a value or a `met`. */
export type OutcomeRead = LeafOutcome & Loose<LeafOutcome>;
