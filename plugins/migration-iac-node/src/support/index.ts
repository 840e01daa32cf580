export {
  defaultMonitoringConfig,
  parseBackupSchedule,
  resolveMonitoringConfig,
  type BackupScheduleParts,
} from './monitoringConfig';
export { alertExpression, prometheusRules } from './prometheusRules';
export {
  renderSupportTerraform,
  supportTerraform,
  type SupportTerraform,
  type SupportTerraformInput,
} from './supportTerraform';
export { validateGeneratedMonitoring } from './validateGenerated';
export { generateMonitoring } from './generateMonitoring';
export {
  alertEndsAt,
  alertmanagerWebhookSchema,
  parseAlertmanagerWebhook,
  type AlertmanagerAlert,
  type AlertmanagerWebhook,
} from './alertmanager';
