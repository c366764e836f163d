// One CQL query for the lab test, printed one row a line (columns separated by spaces):
//   java -cp '/opt/vitalstorm/platform/lib/*' LabCql.java HOST:PORT DATACENTER "SELECT ..."
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

public class LabCql {
    public static void main(String[] args) {
        String[] hostPort = args[0].split(":");
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
                .withLocalDatacenter(args[1]).build()) {
            for (Row row : session.execute(args[2])) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                    Object v = row.getObject(i);
                    cells.add(String.valueOf(v));
                }
                System.out.println(String.join(" ", cells));
            }
        }
    }
}
