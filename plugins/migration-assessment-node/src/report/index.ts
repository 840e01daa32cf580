export { buildMigrationReport, type ReportInput } from './buildReport';
export { renderReportMarkdown } from './renderMarkdown';
