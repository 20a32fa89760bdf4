export { computeMonitoring, computeMetric, formatMetricValue, METRIC_INFO, METRIC_IDS, MAX_SCATTER_POINTS, scatterSample } from './monitoring';
export type { Metric, MetricId, MetricUnit, MetricInfo, Monitoring, MonitoringOptions, CorrelationPoint, LengthMeasure } from './monitoring';
export { metricTrend } from './trend';
export type { TrendBucket, TrendOptions } from './trend';
export { accuracy, accuracyReport, gradeOf } from './accuracy';
export type { Accuracy, AccuracyReport } from './accuracy';
export { latestSweepId, meetsTarget, paretoFrontier, recommend, sweepPoints } from './sweep';
export type { Recommendation, SweepPoint } from './sweep';
