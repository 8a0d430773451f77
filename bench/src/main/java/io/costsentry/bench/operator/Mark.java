package io.costsentry.bench.operator;

/** Counters and CPU at one instant (see {@link Counts}, {@link CpuMeter}). */
record Mark(
    long nanos,
    Counts.Snapshot k8s,
    Counts.Snapshot bedrock,
    Counts.Snapshot bedrockItems,
    Counts.Snapshot bedrockNanos,
    Counts.Snapshot bedrockClientCalls,
    Counts.Snapshot dynamo,
    Counts.Snapshot dynamoNanos,
    Counts.Snapshot cpu) {}
