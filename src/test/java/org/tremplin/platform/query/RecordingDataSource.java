package org.tremplin.platform.query;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

/** A data source whose connections, and their plain statements, tell a listener each call before running it. */
final class RecordingDataSource {

    /** A call on a connection ({@code prepareStatement}, {@code commit}, …) or on a plain statement ({@code statement.execute}, …). */
    interface Listener {
        void called(String method, Object[] args);
    }

    private RecordingDataSource() {
    }

    static DataSource of(DataSource real, Listener listener) {
        ClassLoader loader = RecordingDataSource.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return Proxy.newProxyInstance(loader, new Class<?>[]{Connection.class}, (p, m, a) -> {
                listener.called(m.getName(), a);
                Object made = invoke(connection, m, a);
                if (!(made instanceof Statement statement) || !m.getName().equals("createStatement")) {
                    return made;
                }
                return Proxy.newProxyInstance(loader, new Class<?>[]{Statement.class}, (s, sm, sa) -> {
                    listener.called("statement." + sm.getName(), sa);
                    return invoke(statement, sm, sa);
                });
            });
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
