/**
 * Transfer plans as values: {@link org.transferable.plan.TransferPlan} is the paper's notation ({@code A3B+}:
 * copy layers 1..3 of a network trained on A, fine-tune them, train on B) and
 * {@link org.transferable.plan.LayerPolicy} what happens to the copied layers.
 */
package org.transferable.plan;
