/**
 * Fine-tuning policies as values: which layers train, at which multiple of the learning rate, in which phases, under
 * which regulariser, and what batch normalisation does in frozen layers. {@link org.transferable.policy.FineTuning}
 * is the policy; its short string form extends the paper's notation ({@code A3B} and {@code A3B+} keep their
 * meaning, {@code A3B[4:new>all]} is LP-FT). Policies are resolved into the engine's per-layer
 * {@link org.transferable.engine.LayerTraining} once, here, so that every backend applies them the same way.
 */
package org.transferable.policy;
