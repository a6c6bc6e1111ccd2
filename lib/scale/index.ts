/**
 * lib/scale: calculators for training at scale and scaling laws — parameter counts from a config
 * (via lib/model's weight list), memory for model states and activations, data / tensor / pipeline
 * parallelism with ZeRO, compute-optimal allocations, and least-squares fits of scaling curves.
 * Every formula is documented, with its source, at the top of its file.
 */
export * from './params';
export * from './presets';
export * from './memory';
export * from './parallel';
export * from './scaling';
export * from './fit';
