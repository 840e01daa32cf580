export {
  ALWAYS_REFUSED_RANGES,
  createAddressPolicy,
  type AddressPolicy,
  type AddressPolicyOptions,
} from './addressPolicy';
export {
  httpProbe,
  measureLatency,
  tcpProbe,
  tlsProbe,
  type HttpProbeOptions,
  type HttpProbeResult,
  type ProbeResult,
  type TcpProbeOptions,
  type TlsProbeOptions,
  type TlsProbeResult,
} from './probes';
export {
  runValidation,
  type RunValidationOptions,
  type ValidationEndpoint,
  type ValidationInput,
} from './runValidation';
