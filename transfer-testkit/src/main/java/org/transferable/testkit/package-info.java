/**
 * What every backend's tests share, shipped as an ordinary jar so that a build that stops at {@code compile} (such as
 * {@code mvn -pl transfer-examples -am compile exec:java}) resolves it from the reactor: the backend contract suite
 * {@link org.transferable.testkit.BackendContractTest}, which a backend module extends and runs unchanged, and the
 * Fashion-MNIST fixture the suites train on. Depends on JUnit 5 and AssertJ; a backend uses it in test scope.
 */
package org.transferable.testkit;
