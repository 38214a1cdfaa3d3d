package org.transferable.study;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.transferable.json.Json;
import org.transferable.network.Network;

/**
 * The on-disk layout of a study, written so that a kill at any moment leaves it resumable:
 * <pre>
 * plan.json                      the plan; another plan is refused
 * cells/split0-AnB+-3.json       one {@link CellResult} per finished cell (atomic write)
 * cells/split0-AnB+-4.failed.json a {@link CellFailure} per cell whose last attempt failed (retried by a rerun)
 * bases/split0-baseA/            base networks (Network.save into a hidden temporary folder, then renamed)
 * results.json, results.csv      the {@link StudyResult} of the last complete run
 * </pre>
 */
final class StudyDirectory {
    private static final String TEMPORARY = ".tmp-";

    private final Path root;

    private StudyDirectory(Path root) {
        this.root = root;
    }

    /**
     * Opens a directory for a plan: writes {@code plan.json} into a new or empty one, accepts one whose
     * {@code plan.json} has the same fingerprint, and removes half-saved base networks left by a kill.
     *
     * @throws IllegalStateException when the directory holds another plan, or a plan.json that cannot be read
     */
    static StudyDirectory open(Path root, StudyPlan plan) throws IOException {
        Path planFile = root.resolve("plan.json");
        if (!checkPlan(root, plan)) {
            Json.writeAtomically(planFile, plan);
        }
        StudyDirectory directory = new StudyDirectory(root);
        directory.removeTemporaryBases();
        return directory;
    }

    /**
     * A directory whose plan another class checks (a policy study's): its base networks and cell files only, with
     * half-saved base networks left by a kill removed.
     */
    static StudyDirectory unchecked(Path root) throws IOException {
        StudyDirectory directory = new StudyDirectory(root);
        directory.removeTemporaryBases();
        return directory;
    }

    /**
     * A directory to read while another process may be writing it: checks its {@code plan.json} when there is one,
     * and writes and removes nothing.
     *
     * @throws IllegalStateException when the directory holds another plan, or a plan.json that cannot be read
     */
    static StudyDirectory inspect(Path root, StudyPlan plan) throws IOException {
        checkPlan(root, plan);
        return new StudyDirectory(root);
    }

    /** @return whether the directory holds plan.json (then it is the plan's), false when it holds none */
    private static boolean checkPlan(Path root, StudyPlan plan) throws IOException {
        Path planFile = root.resolve("plan.json");
        if (Files.exists(planFile)) {
            StudyPlan existing;
            try {
                existing = Json.read(planFile, StudyPlan.class);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("output directory " + root + " holds a plan.json that is not a "
                        + "readable study plan (" + e.getMessage() + "); choose another directory", e);
            }
            if (!existing.fingerprint().equals(plan.fingerprint())) {
                throw new IllegalStateException("output directory " + root + " holds another study's plan.json ("
                        + existing.name() + "), which differs from this plan (" + plan.name() + ") in "
                        + existing.differences(plan) + "; rerun with the plan in " + planFile
                        + " to resume it, or choose another directory");
            }
            return true;
        }
        return false;
    }

    /** @return the directory */
    Path root() {
        return root;
    }

    /** @return the file of a cell's result */
    Path cellFile(Cell cell) {
        return root.resolve("cells").resolve(cell.id() + ".json");
    }

    /**
     * Reads a finished cell back.
     *
     * @return its result, empty when the cell has not finished
     * @throws IllegalStateException when the file is unreadable or holds another cell
     */
    Optional<CellResult> read(Cell cell) throws IOException {
        Path file = cellFile(cell);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        CellResult result;
        try {
            result = Json.read(file, CellResult.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cell file " + file + " is not a readable cell result (" + e.getMessage()
                    + "); delete it to recompute the cell", e);
        }
        if (!result.cell().equals(cell)) {
            throw new IllegalStateException("cell file " + file + " holds cell " + result.id() + ", not " + cell.id());
        }
        return Optional.of(result);
    }

    /** Writes a finished cell atomically, and removes the record of an earlier failed attempt. */
    void write(CellResult result) throws IOException {
        Json.writeAtomically(cellFile(result.cell()), result);
        Files.deleteIfExists(failureFile(result.cell()));
    }

    /** @return the file of a cell's failed attempt */
    Path failureFile(Cell cell) {
        return root.resolve("cells").resolve(cell.id() + ".failed.json");
    }

    /** Writes the record of a failed attempt atomically. */
    void write(CellFailure failure) throws IOException {
        Json.writeAtomically(failureFile(failure.cell()), failure);
    }

    /**
     * Reads the record of a cell's last failed attempt.
     *
     * @return the failure, empty when there is none
     * @throws IllegalStateException when the file is unreadable
     */
    Optional<CellFailure> readFailure(Cell cell) throws IOException {
        Path file = failureFile(cell);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(file, CellFailure.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cell file " + file + " is not a readable cell failure (" + e.getMessage()
                    + "); delete it to retry the cell", e);
        }
    }

    /** @return the folder of a base network, e.g. {@code bases/split0-baseA} */
    Path base(int split, String name) {
        return root.resolve("bases").resolve("split" + split + "-" + name);
    }

    /**
     * Saves a network to {@code target} so that the folder either does not exist or is complete: saved into a
     * hidden temporary sibling first, then renamed.
     */
    void saveBase(Network network, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + TEMPORARY);
        try {
            network.save(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(temporary);
        }
    }

    /** Writes {@code results.json} and {@code results.csv} atomically. */
    void writeResult(StudyResult result) throws IOException {
        Json.writeAtomically(root.resolve("results.json"), result);
        Json.writeAtomically(root.resolve("results.csv"), result.toCsv());
    }

    private void removeTemporaryBases() throws IOException {
        Path bases = root.resolve("bases");
        if (!Files.isDirectory(bases)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(bases, ".*" + TEMPORARY + "*")) {
            for (Path entry : entries) {
                deleteTree(entry);
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
