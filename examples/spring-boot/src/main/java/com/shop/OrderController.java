package com.shop;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Takes payments for orders, and fails as code does: with an exception that Tomcat logs. */
@RestController
public class OrderController {

  private volatile boolean providerUp;

  @PostMapping("/orders/{id}/payment")
  public String pay(@PathVariable String id) {
    if (!providerUp) {
      throw new IllegalStateException("Payment provider rejected order " + id + ": timeout");
    }
    return "paid " + id + "\n";
  }
}
