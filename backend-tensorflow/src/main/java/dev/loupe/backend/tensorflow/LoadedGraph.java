package dev.loupe.backend.tensorflow;

import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TString;

/**
 * A graph imported from a (rewritten) GraphDef, with a session whose variables were restored from
 * the SavedModel's checkpoint, as TensorFlow's own loader does: the saver's restore op fed the
 * checkpoint prefix, then the model's init op. Gradient ops are added to the graph later; a
 * session picks up ops added after it was made.
 */
final class LoadedGraph implements AutoCloseable {

    private final Graph graph;
    private final Session session;

    private LoadedGraph(Graph graph, Session session) {
        this.graph = graph;
        this.session = session;
    }

    static LoadedGraph load(GraphDef def, MetaGraphDef meta, Path variables, ConfigProto config) {
        Graph graph = new Graph();
        Session session = null;
        try {
            graph.importGraphDef(def);
            session = new Session(graph, config);
            restore(session, meta, variables);
            return new LoadedGraph(graph, session);
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            graph.close();
            throw e;
        }
    }

    private static void restore(Session session, MetaGraphDef meta, Path variables) {
        SaverDef saver = meta.getSaverDef();
        if (variables != null && !saver.getRestoreOpName().isEmpty()) {
            TensorName file = TensorName.parse(saver.getFilenameTensorName());
            try (TString prefix = TString.scalarOf(variables.toString())) {
                session.runner().feed(file.node(), file.index(), prefix).addTarget(saver.getRestoreOpName()).run().close();
            }
        }
        SignatureDef init = meta.getSignatureDefMap().get(SavedModelDir.INIT_SIGNATURE);
        if (init != null) {
            for (TensorInfo info : init.getOutputsMap().values()) {
                session.runner().addTarget(TensorName.parse(info.getName()).node()).run().close();
            }
        }
    }

    Graph graph() {
        return graph;
    }

    Session session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
