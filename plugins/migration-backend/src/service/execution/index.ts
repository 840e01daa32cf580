export {
  createExecutionRouter,
  type ExecutionRouterOptions,
} from './createExecutionRouter';
export {
  KnexExecutionStore,
  type ExecutionStore,
  type RecordedAlert,
} from './ExecutionStore';
export {
  createExecutionCapabilities,
  type ExecutionCapabilitiesOptions,
} from './createExecutionCapabilities';
