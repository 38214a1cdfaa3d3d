/** Training configuration (the paper's solver: SGD with momentum and weight decay), evaluation and listeners. */
package org.transferable.train;
