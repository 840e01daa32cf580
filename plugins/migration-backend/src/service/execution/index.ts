export {
  createExecutionRouter,
  type ExecutionRouterOptions,
} from './createExecutionRouter';
export {
  createExecutionCapabilities,
  type ExecutionCapabilitiesOptions,
} from './createExecutionCapabilities';
