package dev.stackscope.process;

import java.util.regex.Pattern;

/**
 * What tree to build.
 *
 * @param rootPid the process to root the tree at; 0 for the whole system (PID 1, or every
 *     parentless process when there is no PID 1)
 * @param user only the trees of this user's processes (rooted where the parent is not theirs); null
 *     for everyone
 * @param match keep processes whose name or command line matches, with their ancestors and
 *     descendants; null for all
 * @param parents also show the ancestors of {@code rootPid}
 * @param sortByPid order siblings by PID instead of by name
 * @param threads attach each process's threads
 * @param fields the optional fields to read per process
 * @param selfPid the asking process, which {@code match} ignores (its own command line names the
 *     pattern, as with pgrep); 0 for none
 */
public record ProcessTreeRequest(
    int rootPid,
    String user,
    Pattern match,
    boolean parents,
    boolean sortByPid,
    boolean threads,
    ProcessFields fields,
    int selfPid) {}
