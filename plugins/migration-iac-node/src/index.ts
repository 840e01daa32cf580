/**
 * Infrastructure-as-code library of SirsiNexus Migrate: Terraform writers for AWS, Azure and
 * Google Cloud, the HCL parse-back and policy checks, the terraform/tofu runner, and support as
 * code (monitoring, alerts, backups).
 *
 * @packageDocumentation
 */

export * from './iac';
export * from './support';
