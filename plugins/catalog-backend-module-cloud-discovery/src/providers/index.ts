export { CloudDiscoveryEntityProvider } from './CloudDiscoveryEntityProvider';
