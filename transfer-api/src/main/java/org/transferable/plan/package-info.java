/**
 * Transfer plans as values: {@link org.transferable.plan.TransferPlan} is the paper's notation ({@code A3B+}:
 * copy layers 1..3 of a network trained on A, fine-tune them, train on B), extended by any fine-tuning policy of
 * {@link org.transferable.policy.FineTuning} in brackets ({@code A3B[4:new>all]}).
 */
package org.transferable.plan;
