export { runCli, mainHelp, COMMAND_LIST } from './runCli.js';
export type { RunCliOptions } from './runCli.js';
export { commandHelp, EXIT } from './command.js';
export type { Command, OptionSpec } from './command.js';
export { verifyCommand, verifyRecords, formatProblem } from './commands/verify.js';
export type { VerifyProblem, VerifyReport } from './commands/verify.js';
export { reportCommand } from './commands/report.js';
export { exportCommand } from './commands/export.js';
export { importCommand } from './commands/import.js';
export { UsageError, SourceNotFoundError, MaskedExportError } from './errors.js';
export { processIo, bufferIo } from './io.js';
export type { CliIo } from './io.js';
export { maskIdNumbers, maskIdNumbersInText, maskEvent } from './mask.js';
export { exportHeader, isExportHeader, readJsonl, MASKED_NOTE, UNMASKED_NOTE } from './jsonl.js';
export type { ExportHeader, JsonlRecord } from './jsonl.js';
export { openSource, openStore, sourceKind, redactUrl, readAllRecords } from './sources.js';
export type { Source, SourceKind, SourceRecord } from './sources.js';
export { progress } from './progress.js';
export type { Progress } from './progress.js';
export { buildReport, renderReport } from './report/index.js';
export type { ReportOptions, ReportFormat } from './report/index.js';
export type {
  Report,
  ReportSummary,
  OrganizationReport,
  FilingView,
  ExamView,
  CertificateView,
  RefusalView,
  RegionSummary,
  ReportVersions,
  StreamReport,
  StreamKindName,
  TimelineEntry,
  DecisionView,
  FindingView,
  DeadlineView,
  CalendarYearView,
  CitationView,
} from './report/model.js';
export type { DetailField } from './report/details.js';
export { t as reportLabels, localeFromEnv, REPORT_LOCALES } from './report/labels.js';
export type { Labels, ReportLocale } from './report/labels.js';
export { FOOTER_MARKER } from './report/sections/footer.js';
export { replayCommand } from './commands/replay.js';
export { replayLog } from './replay/replayLog.js';
export type { ReplayResult } from './replay/replayLog.js';
export { DECISION_RECIPES, compareDecisions, reevaluate, recordedDecision } from './replay/recheck.js';
export type { DecisionComparison, DecisionRecipe, FindingChange } from './replay/recheck.js';
export { discoverPacks, loadKnownPacks, loadPackModule, packIdOfName, packSet, packsOf } from './replay/packs.js';
export type { DiscoveredPack, PackSet } from './replay/packs.js';
export { logStore } from './replay/logStore.js';
export { newPackCommand, findCheckout } from './commands/newPack.js';
export { createStandalonePack } from './newPack/standalone.js';
export type { StandalonePackOptions } from './newPack/standalone.js';
export { packSourceDigest, packSourceFiles, writePackDigest } from './newPack/digest.js';
export { CannotReadError, EmptySourceError, HeadsFileError } from './errors.js';
export { checkHeads } from './commands/verify.js';
export { compareHeads, logHeads, packsUsed, readHeadsFile } from './heads.js';
export type { HeadChange, PackUsed, StreamHeadRecord } from './heads.js';
export { cliLocales, cliTexts, t } from './locales/index.js';
export type { CliTextKey } from './locales/index.js';
export { cliFindingTranslator, loadFindingTexts } from './locales/findings.js';
export { suggest } from './runCli.js';
export { paint } from './io.js';
export { versionLines } from './version.js';
