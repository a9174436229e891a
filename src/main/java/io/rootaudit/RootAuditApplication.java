package io.rootaudit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
@SpringBootApplication
public class RootAuditApplication { public static void main(String[] a){} }
