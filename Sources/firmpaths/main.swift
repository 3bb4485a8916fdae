print("firmpaths")
