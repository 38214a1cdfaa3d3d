/**
 * Studies on Apache Spark: {@link org.transferable.spark.SparkStudy} runs a study's cells as Spark tasks, embedded
 * ({@code local[2]}) or on a cluster, with the study directory on any Hadoop file system
 * ({@link org.transferable.spark.HadoopStudyStorage}) and the same files, resume semantics and numbers as a serial
 * run. See {@code docs/spark.md}.
 */
package org.transferable.spark;
