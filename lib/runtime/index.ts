/**
 * lib/runtime: the only importer of onnxruntime-web. UI code should import './client' (dynamically);
 * this index is for workers, tests and benches that host a Runtime themselves.
 */
export { Runtime, REMEMBERED, PROVISIONAL, WARMING, IDLE_MS } from './runtime';
export { memoryStore, indexedDbStore, decisionKey, DECISION_VERSION } from './decisions';
export type { DecisionStore } from './decisions';
export type { RuntimeOptions, GenerateRequest } from './runtime';
export { createHost } from './host';
export { createQueue } from './queue';
export type { TaskQueue } from './queue';
export { SessionCache, sessionKey } from './sessions';
export { probeWebGpu, decideByTiming, applyPreference, formatMs } from './backend';
export type { WebGpuProbe, GpuNavigator } from './backend';
export { calibrate, calibrateWorkload, timeRuns, median, SLOWER_STOP } from './calibrate';
export { loadOrt, setOrtLoader, configureOrt, DEFAULT_WASM_BASE } from './ort';
export type { OrtModule } from './ort';
export { fetchWithProgress } from './fetch';
export { registerModel, registerModelFamily, defaultProvider } from './provider';
export type { LoadedModel, ModelProvider, CalibrationPlan, RunFn, StateRunFn, Stepper } from './model';
export * from './protocol';
export { onDevice, disposeFeeds, toWire } from './device-tensor';
export type { DeviceTensor, Feed } from './device-tensor';
