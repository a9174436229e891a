package io.rootaudit.organization;

import io.rootaudit.aws.AwsClients;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesResponse;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.DelegatedAdministrator;
import software.amazon.awssdk.services.organizations.model.ListAccountsForParentResponse;
import software.amazon.awssdk.services.organizations.model.EnabledServicePrincipal;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.ParentType;
import software.amazon.awssdk.services.organizations.model.Root;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * The one place that reads AWS Organizations (and IAM's organization features). Accounts are found by
 * walking the OU tree once, so every account's OU path comes for free instead of a ListParents call per
 * account.
 */
@Component
public class OrganizationDirectory {

    public static final String IAM_SERVICE_PRINCIPAL = "iam.amazonaws.com";

    private final Supplier<OrganizationsClient> organizations;
    private final Supplier<IamClient> iam;

    OrganizationDirectory(AwsClients clients) {
        this.organizations = clients::organizations;
        this.iam = clients::iam;
    }

    public OrganizationInfo describeOrganization() {
        Organization o = organizations.get().describeOrganization().organization();
        return new OrganizationInfo(o.id(), o.arn(), o.masterAccountId(), o.featureSetAsString());
    }

    /** Service principals with trusted access to the organization. */
    public Set<String> trustedServices() {
        return organizations.get().listAWSServiceAccessForOrganizationPaginator(r -> {}).stream()
                .flatMap(p -> p.enabledServicePrincipals().stream()).map(EnabledServicePrincipal::servicePrincipal).collect(Collectors.toSet());
    }

    /** Account ids registered as delegated administrator for {@code servicePrincipal}. */
    public Set<String> delegatedAdministrators(String servicePrincipal) {
        return organizations.get().listDelegatedAdministratorsPaginator(r -> r.servicePrincipal(servicePrincipal))
                .stream().flatMap(p -> p.delegatedAdministrators().stream()).map(DelegatedAdministrator::id).collect(Collectors.toSet());
    }

    /** IAM's centralized root access features (RootCredentialsManagement, RootSessions) that are enabled. */
    public Set<String> enabledRootAccessFeatures() {
        ListOrganizationsFeaturesResponse r = iam.get().listOrganizationsFeatures(b -> {});
        return Set.copyOf(r.enabledFeaturesAsStrings());
    }

    /** The OU tree, read once: every root and OU with its path of names. */
    public OuTree readOuTree() {
        Map<String, OuTree.Node> nodes = new LinkedHashMap<>();
        Deque<OuTree.Node> pending = new ArrayDeque<>();
        for (Root root : organizations.get().listRootsPaginator(r -> {}).stream().flatMap(p -> p.roots().stream()).toList()) {
            OuTree.Node node = new OuTree.Node(root.id(), null, root.name());
            nodes.put(node.id(), node);
            pending.add(node);
        }
        while (!pending.isEmpty()) {
            OuTree.Node parent = pending.poll();
            for (OrganizationalUnit ou : organizations.get().listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent.id()))
                    .stream().flatMap(p -> p.organizationalUnits().stream()).toList()) {
                OuTree.Node node = new OuTree.Node(ou.id(), parent.id(), ou.name());
                nodes.put(node.id(), node);
                pending.add(node);
            }
        }
        return new OuTree(nodes);
    }

    /**
     * The accounts directly under each of {@code parentIds}, in parent order, each with its OU path: one page of the
     * listing (up to 20 accounts, possibly none) per {@code next()}, requested only then, so that a caller can store and
     * use each page while the rest of a large organization is still being listed.
     */
    public Iterator<List<Account>> accountPages(OuTree tree, Collection<String> parentIds) {
        Iterator<String> parents = parentIds.iterator();
        return new Iterator<>() {
            private Iterator<ListAccountsForParentResponse> pages = Collections.emptyIterator();
            private String parentId;

            @Override
            public boolean hasNext() {
                while (!pages.hasNext() && parents.hasNext()) {
                    String next = parents.next();
                    parentId = next;
                    pages = organizations.get().listAccountsForParentPaginator(r -> r.parentId(next)).iterator();
                }
                return pages.hasNext();
            }

            @Override
            public List<Account> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String path = tree.path(parentId);
                String idPath = tree.idPath(parentId);
                return pages.next().accounts().stream().map(a -> new Account(a.id(), a.name(), a.email(), parentId, path,
                        idPath, a.state() != null ? a.stateAsString() : a.statusAsString(), a.joinedTimestamp(), Map.of()))
                        .toList();
            }
        };
    }

    /** One account's name and state (State, or Status when AWS sends no State), or empty when it is not in the organization. */
    public java.util.Optional<Account> describeAccount(String accountId) {
        try {
            var a = organizations.get().describeAccount(r -> r.accountId(accountId)).account();
            return java.util.Optional.of(new Account(a.id(), a.name(), a.email(), null, null, null,
                    a.state() != null ? a.stateAsString() : a.statusAsString(), a.joinedTimestamp(), Map.of()));
        } catch (software.amazon.awssdk.services.organizations.model.AccountNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    /** The account with the ids of its OUs from the root down: ListParents up to the root, one call per level. */
    public Account withOuIdPath(Account a) {
        Deque<String> ids = new ArrayDeque<>();
        String child = a.id();
        while (true) {
            String childId = child;
            Parent parent = organizations.get().listParents(r -> r.childId(childId)).parents().get(0);
            ids.addFirst(parent.id());
            if (parent.type() == ParentType.ROOT) {
                break;
            }
            child = parent.id();
        }
        return new Account(a.id(), a.name(), a.email(), ids.getLast(), a.ouPath(), String.join("/", ids), a.state(),
                a.joinedAt(), a.tags());
    }

    /** The tags of one account, sorted by key. */
    public Map<String, String> tags(String accountId) {
        Map<String, String> tags = new TreeMap<>();
        for (Tag t : organizations.get().listTagsForResourcePaginator(r -> r.resourceId(accountId)).stream()
                .flatMap(p -> p.tags().stream()).toList()) {
            tags.put(t.key(), t.value());
        }
        return tags;
    }

    /** The OU tree of an organization: ids, parents and names. */
    public record OuTree(Map<String, Node> nodes) {

        public record Node(String id, String parentId, String name) {}

        public boolean contains(String id) {
            return nodes.containsKey(id);
        }

        /** Names from the root down, joined with '/'. */
        public String path(String id) {
            List<String> names = new ArrayList<>();
            for (Node n = nodes.get(id); n != null; n = n.parentId() == null ? null : nodes.get(n.parentId())) {
                names.add(0, n.name());
            }
            return String.join("/", names);
        }

        /** Ids from the root down, joined with '/'. */
        public String idPath(String id) {
            List<String> ids = new ArrayList<>();
            for (Node n = nodes.get(id); n != null; n = n.parentId() == null ? null : nodes.get(n.parentId())) {
                ids.add(0, n.id());
            }
            return String.join("/", ids);
        }

        /** {@code ids} and all OUs below them, parents before children; every node when {@code ids} is empty. */
        public List<String> subtree(Collection<String> ids) {
            if (ids.isEmpty()) {
                return List.copyOf(nodes.keySet());
            }
            List<String> result = new ArrayList<>();
            for (Node n : nodes.values()) {
                for (Node a = n; a != null; a = a.parentId() == null ? null : nodes.get(a.parentId())) {
                    if (ids.contains(a.id())) {
                        result.add(n.id());
                        break;
                    }
                }
            }
            return result;
        }
    }
}
