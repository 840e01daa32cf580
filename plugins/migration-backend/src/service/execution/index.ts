export {
  createExecutionRouter,
  type ExecutionRouterOptions,
} from './createExecutionRouter';
export {
  KnexExecutionStore,
  type ExecutionStore,
  type RecordedAlert,
  type SupportReportSchedule,
} from './ExecutionStore';
export {
  createExecutionCapabilities,
  type ExecutionCapabilitiesOptions,
} from './createExecutionCapabilities';
