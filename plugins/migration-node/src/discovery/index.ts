export { runDiscovery, type RunDiscoveryOptions } from './runDiscovery';
export { createEventLoopYielder } from './eventLoopYielder';
