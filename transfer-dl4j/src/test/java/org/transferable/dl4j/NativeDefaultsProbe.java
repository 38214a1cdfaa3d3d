package org.transferable.dl4j;

/** Run in a child JVM by {@link NativeDefaultsTest}: applies the defaults and prints the native OMP_WAIT_POLICY. */
final class NativeDefaultsProbe {
    private NativeDefaultsProbe() {
    }

    public static void main(String[] args) {
        NativeDefaults.apply();
        System.out.println("OMP_WAIT_POLICY=" + NativeDefaults.nativeEnvironment(NativeDefaults.OMP_WAIT_POLICY));
    }
}
