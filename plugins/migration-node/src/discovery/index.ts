export { runDiscovery, type RunDiscoveryOptions } from './runDiscovery';
