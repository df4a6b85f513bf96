// The node types of src/generated/request-shapes.gen.ts (see the generator's header).

/** A check on a string, number or array. */
export type ShapeCheck = ['>' | '<', number, boolean] | ['min' | 'max', number] | ['re', string, string];

/** One node of the request schemas; other nodes are named by their index. */
export type Shape =
  | ['o', [string, number][]]
  | ['u', number[], string?]
  | ['v', unknown[]]
  | ['s', ShapeCheck[]]
  | ['n', ShapeCheck[], 1?]
  | ['a', number, ShapeCheck[]]
  | ['b']
  | ['x']
  | ['r', number]
  | ['?', number]
  | ['N', number];
