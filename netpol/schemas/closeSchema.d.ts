/** A copy of the schema with every object that lists properties closed, `metadata` left open. */
export declare function closeSchema(node: unknown, key?: string): unknown;
