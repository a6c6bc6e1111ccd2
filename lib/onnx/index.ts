export { encodeModel, checkTensor, rawData } from './model';
export type { OnnxDType, OnnxTensor, OnnxValueInfo, OnnxAttr, OnnxNode, OnnxGraph, EncodeOptions } from './model';
export { irVersionForOpset, DATA_TYPE } from './schema';
