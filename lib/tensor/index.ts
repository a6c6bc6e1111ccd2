/**
 * lib/tensor: the eager math under the reference model.
 *
 * Shape glossary (used in every shape comment across lib/):
 *   B   batch (always 1 in this project's models)
 *   T   time: tokens in the current call          S   keys visible to a query (past + T)
 *   C   channels: the residual width (dModel)     F   MLP hidden width
 *   nh  query heads     nkv  key/value heads      hs  head size (C / nh)
 *   V   vocabulary size                           L   layers
 *   E   experts      k   top-k      N   state size (SSMs)
 *
 * Tensors are {data, shape}, row-major, contiguous (see tensor.ts).
 */
export * from './tensor';
export * from './rng';
export * from './matmul';
export * from './elementwise';
export * from './norm';
export * from './shape';
export * from './mask';
export * from './reduce';
