package dev.stackscope.dns;

/** Lets tests in other packages (the commands') start the in-process hierarchy. */
public final class FakeHierarchyAccess implements AutoCloseable {
  private final FakeHierarchy hierarchy;

  private FakeHierarchyAccess(FakeHierarchy hierarchy) {
    this.hierarchy = hierarchy;
  }

  public static FakeHierarchyAccess start() throws java.io.IOException {
    return new FakeHierarchyAccess(new FakeHierarchy(0));
  }

  /** The hierarchy signed for DNSSEC; {@code anchor} receives the root key's DS record. */
  public static FakeHierarchyAccess startSigned(java.nio.file.Path anchor) throws Exception {
    SignedHierarchy signed = new SignedHierarchy();
    java.nio.file.Files.writeString(anchor, signed.rootAnchor());
    return new FakeHierarchyAccess(signed.hierarchy);
  }

  public int port() {
    return hierarchy.port;
  }

  @Override
  public void close() {
    hierarchy.close();
  }
}
