/**
 * Networks as the API sees them: their spec, task, frozen prefix, provenance and backend-neutral weights.
 */
package org.transferable.network;
