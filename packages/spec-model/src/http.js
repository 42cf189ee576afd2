/**
 * The HTTP methods an OpenAPI 3.1 path item may hold, lower case as the spec writes them. Every spec reader walks
 * operations through this one list, in this order (the generated files follow it); a method the clients cannot
 * send is refused by the model, not skipped here.
 */
export const HTTP_METHODS = /** @type {const} */ ([
  'get',
  'post',
  'put',
  'delete',
  'patch',
  'head',
  'options',
  'trace',
]);
