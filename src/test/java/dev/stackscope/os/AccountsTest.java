package dev.stackscope.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
  @Test
  void parsesPasswdAndKeepsTheFirstNameForAnId() {
    Map<Integer, String> ids =
        Accounts.parseIdFile(
            "root:x:0:0:root:/root:/bin/bash\n# comment\nbroken\ntoor:x:0:0::/:/bin/sh\n"
                + "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbad:x:abc:1::/:\n");
    assertEquals(Map.of(0, "root", 33, "www-data"), ids);
  }

  @Test
  void unknownIdsAreShownAsNumbers(@TempDir Path etc) throws Exception {
    Files.writeString(etc.resolve("passwd"), "alice:x:1000:1000::/home/alice:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "staff:x:50:\n");
    Accounts a = new Accounts(etc);
    assertEquals("alice", a.userName(1000));
    assertEquals("4242", a.userName(4242));
    assertEquals("staff", a.groupName(50));
    assertEquals("7", a.groupName(7));
  }
}
