import XCTest
@testable import Classification
