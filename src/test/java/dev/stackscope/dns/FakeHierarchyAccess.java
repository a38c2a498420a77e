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

  public int port() {
    return hierarchy.port;
  }

  @Override
  public void close() {
    hierarchy.close();
  }
}
