/**
 * Transferability studies: the paper's experiment as a value ({@link org.transferable.study.StudyPlan}), run cell
 * by cell through any backend with every finished cell persisted at once so an interrupted study resumes
 * ({@link org.transferable.study.Study}), and its analysis ({@link org.transferable.study.StudyResult}): per
 * treatment and n a mean with a 95% confidence interval over splits, the paper's decomposition of layer
 * generality, and a verdict on each of the paper's five findings.
 *
 * <pre>{@code
 * StudyPlan plan = StudyPlan.of("quick", "fashion-mnist", StudyPlan.randomSplits(10, 3, 0), spec, config)
 *         .withImagesPerClass(300, 100);
 * StudyResult result = Study.open(plan, Path.of("runs/quick")).run(dataset, backend, StudyProgress.auto());
 * System.out.println(result.toTable());
 * }</pre>
 *
 * <p>A split's baseA can be a network trained elsewhere, e.g. imported from DL4J or PyTorch
 * ({@link org.transferable.study.Study#withBaseA}); the study then measures how that network's layers transfer.
 *
 * <p>Nothing in this package imports an engine: networks are trained through
 * {@link org.transferable.network.Backend}.
 */
package org.transferable.study;
