/**
 * The paper's treatments as expressions: {@code Transfer.from(baseA).copy(3).fineTune().train(taskB)} is AnB+
 * at n = 3, and {@link org.transferable.plan.TransferPlan} is its notation {@code A3B+} as a value.
 */
package org.transferable.transfer;
