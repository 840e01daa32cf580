export type {
  IacDisk,
  IacInstance,
  IacLaunchedBy,
  IacModel,
  IacNetwork,
  IacSecurityGroup,
  IacSecurityRule,
  IacSubnet,
  IacTarget,
  IacTargetProvider,
  IacWave,
} from './model';
export { assertValidIacModel } from './validateModel';
export {
  generateTerraform,
  waveFolder,
  MODEL_FILE_NAME,
  type BundleFile,
  type BundleWave,
  type TerraformBundle,
} from './generator/generateTerraform';
export { escapeHclString, literalToTemplateJson } from './hcl/escape';
export {
  IdentifierAllocator,
  toCloudName,
  toGcpLabel,
  toTerraformIdentifier,
  type CloudNameStyle,
} from './hcl/identifiers';
export {
  hcl,
  hclBlockToJson,
  hclBodyToJson,
  hclValueToJson,
  type HclAttribute,
  type HclBlankLine,
  type HclBlock,
  type HclBodyItem,
  type HclFile,
  type HclValue,
} from './hcl/document';
export { renderHclFile } from './hcl/render';
export {
  HclParseError,
  hcl2jsonParser,
  type HclDiagnostic,
  type HclParser,
} from './validate/parser';
export {
  validateTerraform,
  type TerraformStepsOptions,
  type ValidateTerraformOptions,
} from './validate/validateTerraform';
export type { ParsedBlock, ParsedModule } from './validate/module';
export { runPolicyChecks, type PolicyOptions } from './policy/checks';
export {
  TerraformRunner,
  createTerraformRunner,
  type TerraformOutputLine,
  type TerraformRunResult,
  type TerraformRunnerOptions,
} from './runner/terraformRunner';
export { listBundlePaths, zipBundle, unzipBundle } from './bundle/zip';
export { readBundleFiles, writeBundleFiles } from './bundle/workspace';
export {
  iacModelFromAssessment,
  type IacModelFromAssessmentOptions,
  type IacModelFromAssessmentResult,
} from './fromAssessment';
export {
  createHclParserPool,
  sharedHclParserPool,
  type HclParserPool,
  type HclParserPoolOptions,
} from './validate/parserPool';
export { readIacSettings, type IacSettings } from './config';
export {
  resourcesFromIacModel,
  resourcesFromTerraformJson,
  securityChecks,
  type SecuredResource,
} from './security/securityChecks';
export {
  LANDING_ZONE_CHECK_ID,
  findLandingZoneOverlaps,
  landingZoneCheck,
  type ExistingNetwork,
  type LandingZoneOverlap,
} from './landingZone/landingZoneCheck';
export {
  ipv4RangesOverlap,
  parseIpv4Cidr,
  type Ipv4Range,
} from './landingZone/ipv4Cidr';
