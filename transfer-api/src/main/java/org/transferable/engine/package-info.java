/**
 * What backends share about their engines: the numerical self-check ({@link org.transferable.engine.EngineCheck})
 * every backend runs when its engine loads, and the plain-Java {@link org.transferable.engine.ReferenceNetwork} it
 * compares against. For backend implementers; users meet it only through a log line or an
 * {@link org.transferable.engine.EngineCheckException}.
 */
package org.transferable.engine;
