package io.freshet.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/**
 * Hadoop's TextInputFormat over exactly the files the reader listed: no globbing of the names and no
 * second hidden-file filter, so what is read is what {@link InputFiles} chose. Public only because Spark
 * instantiates it by its public constructor; not part of Freshet's API.
 */
public final class ListedFilesTextInputFormat extends TextInputFormat {
    @Override
    protected List<FileStatus> listStatus(JobContext job) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (Path path : FileInputFormat.getInputPaths(job)) {
            try {
                files.add(path.getFileSystem(job.getConfiguration()).getFileStatus(path));
            } catch (IOException e) {
                throw new IOException("cannot read input file " + path + ": " + e.getMessage(), e);
            }
        }
        return files;
    }
}
