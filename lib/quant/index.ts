/**
 * lib/quant: weight formats (fp16, bf16, int8 per tensor / channel, int4 and NF4 in groups), each
 * documented at its definition (./formats.ts, ./nf4.ts, ./float.ts); error measures; a whole
 * model quantized; ONNX graphs that run it on onnxruntime-web; the memory arithmetic of papers.
 */
export * from './float';
export * from './nf4';
export * from './formats';
export * from './error';
export * from './model';
export * from './graph';
export * from './memory';
export * from './compare';
export * from './summary';
export * from './evaluate';
