// The lab test's ZooKeeper probe (ZooKeeperMain needs commons-cli, which the platform jars lack):
//   java -cp '/opt/vitalstorm/platform/lib/*:/root/lab-tools' VsZkProbe CONNECT ls|create PATH
// Logs in as the JVM's JAAS "Client" section says (-Djava.security.auth.login.config, or
// -Dzookeeper.sasl.client=false for none). Prints "children [...]" / "created PATH", or
// "refused: CODE ..." (exit 2) when the server says no; connection events go to stderr.
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public class VsZkProbe {
    public static void main(String[] args) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(args[0], 10_000, e -> {
            System.err.println("event: " + e.getState());
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            connected.await(15, TimeUnit.SECONDS);
            switch (args[1]) {
                case "ls" -> System.out.println("children " + zk.getChildren(args[2], false));
                // creator-only ACL: a probe that got through leaves nothing others can use
                case "create" -> System.out.println("created " + zk.create(args[2], new byte[0],
                        ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
                default -> throw new IllegalArgumentException("ls or create");
            }
        } catch (KeeperException e) {
            System.out.println("refused: " + e.code() + " " + e.getMessage());
            System.exit(2);
        } finally {
            zk.close();
        }
    }
}
