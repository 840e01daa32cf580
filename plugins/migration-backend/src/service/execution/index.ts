export {
  createExecutionCapabilities,
  type ExecutionCapabilitiesOptions,
} from './createExecutionCapabilities';
