export { createAnalyzeAction } from './analyze';
export { createCreateMigrationAction } from './create';
export { createIacGenerateAction } from './iacGenerate';
export { createIacValidateAction } from './iacValidate';
export { createIacApplyAction } from './iacApply';
