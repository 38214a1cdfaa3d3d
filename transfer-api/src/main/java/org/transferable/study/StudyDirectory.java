package org.transferable.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Network;

/**
 * The layout of a study in its {@link StudyStorage}, written so that a kill at any moment leaves it resumable:
 * <pre>
 * plan.json                      the plan; another plan is refused
 * cells/split0-AnB+-3.json       one {@link CellResult} per finished cell (atomic write)
 * cells/split0-AnB+-4.failed.json a {@link CellFailure} per cell whose last attempt failed (retried by a rerun)
 * bases/split0-baseA/            base networks (Network.save into a hidden temporary folder, then renamed)
 * results.json, results.csv      the {@link StudyResult} of the last complete run
 * </pre>
 */
final class StudyDirectory {
    private static final String PLAN = "plan.json";
    private static final String BASES = "bases";

    private final StudyStorage storage;

    private StudyDirectory(StudyStorage storage) {
        this.storage = storage;
    }

    /**
     * Opens a local directory for a plan, see {@link #open(StudyStorage, StudyPlan)}.
     *
     * @throws IllegalStateException when the directory holds another plan, or a plan.json that cannot be read
     */
    static StudyDirectory open(Path root, StudyPlan plan) throws IOException {
        return open(StudyStorage.local(root), plan);
    }

    /**
     * Opens a study's storage for a plan: writes {@code plan.json} into a new or empty one, accepts one whose
     * {@code plan.json} has the same fingerprint, and removes half-saved base networks left by a kill.
     *
     * @throws IllegalStateException when the storage holds another plan, or a plan.json that cannot be read
     */
    static StudyDirectory open(StudyStorage storage, StudyPlan plan) throws IOException {
        if (!checkPlan(storage, plan)) {
            storage.writeAtomically(PLAN, Json.write(plan));
        }
        storage.removeTemporaryFolders(BASES);
        return new StudyDirectory(storage);
    }

    /**
     * A directory whose plan another class checks (a policy study's): its base networks and cell files only, with
     * half-saved base networks left by a kill removed.
     */
    static StudyDirectory unchecked(Path root) throws IOException {
        StudyStorage storage = StudyStorage.local(root);
        storage.removeTemporaryFolders(BASES);
        return new StudyDirectory(storage);
    }

    /**
     * A directory to read while another process may be writing it: checks its {@code plan.json} when there is one,
     * and writes and removes nothing.
     *
     * @throws IllegalStateException when the directory holds another plan, or a plan.json that cannot be read
     */
    static StudyDirectory inspect(Path root, StudyPlan plan) throws IOException {
        return inspect(StudyStorage.local(root), plan);
    }

    /**
     * A study's storage that another process opened and may be writing: checks its {@code plan.json} when there is
     * one, and removes nothing.
     *
     * @throws IllegalStateException when the storage holds another plan, or a plan.json that cannot be read
     */
    static StudyDirectory inspect(StudyStorage storage, StudyPlan plan) throws IOException {
        checkPlan(storage, plan);
        return new StudyDirectory(storage);
    }

    /** @return whether the directory holds plan.json (then it is the plan's), false when it holds none */
    private static boolean checkPlan(StudyStorage storage, StudyPlan plan) throws IOException {
        Optional<String> text = storage.read(PLAN);
        if (text.isEmpty()) {
            return false;
        }
        String root = storage.location("");
        StudyPlan existing;
        try {
            existing = Json.read(text.get(), StudyPlan.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("output directory " + root + " holds a plan.json that is not a "
                    + "readable study plan (" + e.getMessage() + "); choose another directory", e);
        }
        if (!existing.fingerprint().equals(plan.fingerprint())) {
            throw new IllegalStateException("output directory " + root + " holds another study's plan.json ("
                    + existing.name() + "), which differs from this plan (" + plan.name() + ") in "
                    + existing.differences(plan) + "; rerun with the plan in " + storage.location(PLAN)
                    + " to resume it, or choose another directory");
        }
        return true;
    }

    /** @return the storage */
    StudyStorage storage() {
        return storage;
    }

    /**
     * @return the local directory
     * @throws IllegalStateException when the study is not stored on the local file system
     */
    Path root() {
        if (storage instanceof LocalStudyStorage local) {
            return local.root();
        }
        throw new IllegalStateException("study stored at " + storage.location("") + " is not in a local directory");
    }

    /** @return how the study's root is named in messages */
    String location() {
        return storage.location("");
    }

    /** @return the local file of a cell's result (a local study only) */
    Path cellFile(Cell cell) {
        return root().resolve(cellName(cell));
    }

    private static String cellName(Cell cell) {
        return "cells/" + cell.id() + ".json";
    }

    private static String failureName(Cell cell) {
        return "cells/" + cell.id() + ".failed.json";
    }

    /**
     * Reads a finished cell back.
     *
     * @return its result, empty when the cell has not finished
     * @throws IllegalStateException when the file is unreadable or holds another cell
     */
    Optional<CellResult> read(Cell cell) throws IOException {
        Optional<String> text = storage.read(cellName(cell));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String file = storage.location(cellName(cell));
        CellResult result;
        try {
            result = Json.read(text.get(), CellResult.class);
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
        storage.writeAtomically(cellName(result.cell()), Json.write(result));
        storage.delete(failureName(result.cell()));
    }

    /** @return the local file of a cell's failed attempt (a local study only) */
    Path failureFile(Cell cell) {
        return root().resolve(failureName(cell));
    }

    /** Writes the record of a failed attempt atomically. */
    void write(CellFailure failure) throws IOException {
        storage.writeAtomically(failureName(failure.cell()), Json.write(failure));
    }

    /**
     * Reads the record of a cell's last failed attempt.
     *
     * @return the failure, empty when there is none
     * @throws IllegalStateException when the file is unreadable
     */
    Optional<CellFailure> readFailure(Cell cell) throws IOException {
        Optional<String> text = storage.read(failureName(cell));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(text.get(), CellFailure.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cell file " + storage.location(failureName(cell))
                    + " is not a readable cell failure (" + e.getMessage() + "); delete it to retry the cell", e);
        }
    }

    /** @return the relative folder of a base network, e.g. {@code bases/split0-baseA} */
    static String base(int split, String name) {
        return BASES + "/split" + split + "-" + name;
    }

    /** @return whether a base network is saved */
    boolean hasBase(String folder) throws IOException {
        return storage.hasFolder(folder);
    }

    /**
     * Saves a network so that its folder either does not exist or is complete: saved into a hidden temporary
     * folder first, then renamed.
     */
    void saveBase(Network network, String folder) throws IOException {
        storage.saveFolder(folder, network::save);
    }

    /** @return a saved base network, loaded on the backend */
    Network loadBase(String folder, Backend backend) throws IOException {
        return storage.readFolder(folder, backend::load);
    }

    /** Writes {@code results.json} and {@code results.csv} atomically. */
    void writeResult(StudyResult result) throws IOException {
        storage.writeAtomically("results.json", Json.write(result));
        storage.writeAtomically("results.csv", result.toCsv());
    }
}
